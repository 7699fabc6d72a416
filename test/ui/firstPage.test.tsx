import { render, screen } from '@testing-library/react'
import Index from '../../src/pages/index/index'

describe('the first page', () => {
  it('tells a newcomer what each of the four roles does', () => {
    render(<Index />)
    expect(screen.getByText('企业周走访')).toBeTruthy()
    for (const role of ['企业联络员', '服务专员', '部门经办人', '管理者']) expect(screen.getByText(role)).toBeTruthy()
  })
})
