/** Create or edit a project. */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../../api'
import { showError } from '../../../components/States'
import type { Contact, Project } from '../../../domain/types'
import { useAction } from '../../../hooks/useAction'
import { useQuery } from '../../../hooks/useQuery'
import { parseOrRefuse } from '../../../domain/messages/describe'
import { createProjectInput } from '../../../domain/schemas/projects'

export interface ProjectForm {
  enterpriseName: string
  name: string
  address: string
  teamId: string
  visitWeekday: number
  contacts: Contact[]
  status: Project['status']
}

const empty: ProjectForm = { enterpriseName: '', name: '', address: '', teamId: '', visitWeekday: 3, contacts: [], status: 'active' }

export function useProjectForm(projectId?: string) {
  const [form, setForm] = useState<ProjectForm>(empty)
  const teams = useQuery(() => call('org', 'listTeams', {}), [])
  const existing = useQuery(async () => {
    const p = await call('projects', 'get', { projectId: projectId! })
    setForm({ enterpriseName: p.enterpriseName, name: p.name, address: p.address, teamId: p.teamId, visitWeekday: p.visitWeekday, contacts: p.contacts, status: p.status })
    return p
  }, [projectId], { enabled: !!projectId })

  const save = useAction(async () => {
    if (!form.teamId) return void Taro.showToast({ title: '请选择服务专班', icon: 'none' })
    const fields = {
      enterpriseName: form.enterpriseName.trim(),
      name: form.name.trim(),
      address: form.address.trim(),
      teamId: form.teamId,
      visitWeekday: form.visitWeekday,
      contacts: form.contacts.filter((c) => c.name.trim()).map((c) => ({ name: c.name.trim(), title: c.title?.trim() ?? '', ...(c.phone?.trim() ? { phone: c.phone.trim() } : {}) })),
    }
    // The function's own schema, so the form says what the function would (which field, what is wrong).
    const checked = parseOrRefuse(createProjectInput, fields)
    if (!checked.ok) return void Taro.showToast({ title: checked.error.message, icon: 'none' })
    try {
      if (projectId) await call('projects', 'update', { projectId, patch: { ...fields, status: form.status } })
      else await call('projects', 'create', fields)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack()
    } catch (e) {
      showError(e)
    }
  })
  return { form, setForm, teams, existing, save }
}
