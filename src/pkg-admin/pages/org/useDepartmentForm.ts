/** Edit one department (or add one): name, contact name and phone, saved with org.upsertDepartment. */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call, describeError } from '../../../api'
import { showError } from '../../../components/States'
import type { Department } from '../../../domain/types'
import { useAction } from '../../../hooks/useAction'

export interface DepartmentForm {
  name: string
  contactName: string
  contactPhone: string
}

const formOf = (d?: Department): DepartmentForm => ({ name: d?.name ?? '', contactName: d?.contactName ?? '', contactPhone: d?.contactPhone ?? '' })

export function useDepartmentForm(department: Department | undefined, onSaved: () => void) {
  const [form, setForm] = useState<DepartmentForm>(() => formOf(department))
  /** The server's words for a refused input (it names the field), shown under the form. */
  const [error, setError] = useState<string | undefined>()
  const save = useAction(async () => {
    if (!form.name.trim()) return void setError('请填写部门名称')
    setError(undefined)
    try {
      await call('org', 'upsertDepartment', {
        ...(department ? { departmentId: department._id } : {}),
        name: form.name.trim(),
        contactName: form.contactName.trim(),
        ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone.trim() } : {}),
      })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved()
    } catch (e) {
      const d = describeError(e)
      if (d.code === 'INVALID_INPUT') setError(d.title)
      else showError(e)
    }
  })
  return { form, set: (patch: Partial<DepartmentForm>) => setForm({ ...form, ...patch }), error, save }
}
